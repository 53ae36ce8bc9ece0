package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

/** The console lines in Kiln's event stream, as an attached dev mode prints them. */
public class ConsoleFollowerTest {

    @Test
    public void onlyConsoleEventsLines() {
        String stream = ": kiln events\nretry: 2000\n\nid: 1\nevent: change\ndata: {\"plugin\":\"p\",\"outcome\":\"APPLIED\"}\n\n"
                + "event: log\ndata: {\"line\":\"2026-12-01T09:00:00Z reload p 1.0.0: APPLIED (1 ms, by dev)\"}\n\n"
                + "event: console\ndata: {\"line\":\"09:00:00.123 [INFO] Greeter - dev-greeter says: Hello\"}\n\n"
                + "data: {\"line\":\"not a console event\"}\n\n: keep-alive\n\nevent: console\ndata: not json\n\n";
        ConsoleFollower.Events events = new ConsoleFollower.Events();
        List<String> printed = new ArrayList<>();
        stream.lines().forEach(l -> events.accept(l).ifPresent(printed::add));
        assertEquals(List.of("09:00:00.123 [INFO] Greeter - dev-greeter says: Hello"), printed);
    }
}
