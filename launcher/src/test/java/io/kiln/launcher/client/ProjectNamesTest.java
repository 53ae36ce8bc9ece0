package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class ProjectNamesTest {

    @Test
    public void pluginNames() {
        for (String good : new String[] { "hello", "hello-world", "greeter2", "a-1-b" }) {
            assertNull(good, ProjectNames.checkName(good));
        }
        for (String bad : new String[] { "", "Hello", "hello world", "hello_world", "-hello", "hello-", "hello--world", "2hello",
                "hello.world", "../hello", "x".repeat(65) }) {
            assertNotNull(bad, ProjectNames.checkName(bad));
        }
    }

    @Test
    public void packages() {
        for (String good : new String[] { "com.example.hello", "hello", "com.example._x", "a.b2" }) {
            assertNull(good, ProjectNames.checkPackage(good));
        }
        for (String bad : new String[] { "", "com..x", "com.example.", ".com", "com.2x", "com.example.int", "com.new.x", "com.true", "com-x", "com x" }) {
            assertNotNull(bad, ProjectNames.checkPackage(bad));
        }
    }

    @Test
    public void groups() {
        assertNull(ProjectNames.checkGroup("com.example"));
        assertNull(ProjectNames.checkGroup("my-group_1"));
        assertNotNull(ProjectNames.checkGroup("com example"));
        assertNotNull(ProjectNames.checkGroup("com..example"));
        assertNotNull(ProjectNames.checkGroup(""));
    }

    @Test
    public void derivedNames() {
        assertEquals("helloworld", ProjectNames.scope("hello-world"));
        assertEquals("com.example.helloworld", ProjectNames.defaultPackage("com.example", "hello-world"));
        assertNotNull("a keyword as the name's package part", ProjectNames.checkPackage(ProjectNames.defaultPackage("com.example", "int")));
    }

    @Test
    public void theJavaPlatformsPackagesAreNotAPluginsOwn() {
        assertNotNull(ProjectNames.checkPackage("java.util"));
        assertNotNull(ProjectNames.checkPackage("java"));
        assertNull(ProjectNames.checkPackage("javax.money.mine"));
        assertNull(ProjectNames.checkPackage("javafx2"));
    }
}
