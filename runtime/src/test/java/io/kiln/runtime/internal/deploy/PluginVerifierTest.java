package io.kiln.runtime.internal.deploy;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class PluginVerifierTest {

    @Test
    public void theDeepestCauseOfAnActivationFailureIsReported() {
        String failure = """
                java.lang.reflect.InvocationTargetException
                \tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)
                Caused by: java.lang.RuntimeException: wrapper
                \tat x.Y.z(Y.java:1)
                Caused by: java.lang.IllegalStateException: model file missing
                \tat x.Y.z(Y.java:2)
                """;
        assertEquals("java.lang.IllegalStateException: model file missing", io.kiln.runtime.internal.scr.ComponentStates.rootCause(failure));
    }

    @Test
    public void withoutACauseTheFirstLineIsTheReason() {
        assertEquals("java.lang.IllegalStateException: no", io.kiln.runtime.internal.scr.ComponentStates.rootCause("java.lang.IllegalStateException: no\n\tat a.B.c"));
        assertEquals("(no reason given)", io.kiln.runtime.internal.scr.ComponentStates.rootCause(null));
    }
}
