package io.kiln.launcher.client;

/** What a command prints: its table, or the API's JSON with {@code --json}. */
record Output(Object json, String text) {
}
