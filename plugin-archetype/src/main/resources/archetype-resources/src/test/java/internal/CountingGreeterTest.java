package ${package}.internal;

import static org.junit.Assert.assertEquals;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;

import org.junit.Test;

import io.kiln.api.state.PluginState;

/** The greeter's logic, constructed directly: no framework, no Kiln. */
public class CountingGreeterTest {

    /** Kiln's state, in memory. */
    private static final class MemoryState implements PluginState {
        private final Map<String, Object> saved = new HashMap<>();

        @Override
        public Map<String, Object> load() {
            return Map.copyOf(saved);
        }

        @Override
        public void save(Map<String, ?> state) {
            saved.clear();
            saved.putAll(state);
        }
    }

    private static GreeterConfiguration config(String greeting, boolean shout) {
        return new GreeterConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GreeterConfiguration.class;
            }

            @Override
            public String greeting() {
                return greeting;
            }

            @Override
            public boolean shout() {
                return shout;
            }
        };
    }

    @Test
    public void greetsAsConfiguredAndCounts() {
        CountingGreeter greeter = new CountingGreeter(config("Hello", false), new MemoryState());
        assertEquals("Hello, Ada! (greeting 1)", greeter.greet("Ada"));
        assertEquals("Hello, Bob! (greeting 2)", greeter.greet("Bob"));
        assertEquals(2, greeter.count());
    }

    @Test
    public void shouts() {
        assertEquals("HI, ADA! (greeting 1)", new CountingGreeter(config("Hi", true), new MemoryState()).greet("Ada"));
    }

    @Test
    public void theNextVersionGoesOnCountingWhereThisOneStopped() {
        MemoryState state = new MemoryState();
        CountingGreeter first = new CountingGreeter(config("Hello", false), state);
        first.greet("Ada");
        first.greet("Bob");
        first.deactivate();

        CountingGreeter next = new CountingGreeter(config("Bonjour", false), state);
        assertEquals("Bonjour, Ada! (greeting 3)", next.greet("Ada"));
    }
}
