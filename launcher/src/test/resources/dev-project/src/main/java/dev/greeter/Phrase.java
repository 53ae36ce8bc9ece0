package dev.greeter;

final class Phrase {

    private Phrase() {
    }

    static String text() {
        return "Hello from v1";
    }
}
