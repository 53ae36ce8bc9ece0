package io.kiln.itests.support;

/**
 * The plugins of the dependents' tests, by a short name {@code t}: an API bundle {@code itest.t.api} exporting
 * {@code io.kiln.itests.t.api.Greeter}, a service {@code itest.t.service} implementing it, and a client
 * {@code itest.t.client}, a {@code t-client} phrase that greets through the service (it needs the package and the
 * service).
 */
public final class GreeterPlugins {

    private GreeterPlugins() {
    }

    /** Exports {@code io.kiln.itests.T.api} at the bundle's version: a new major version of the bundle is one of the API. */
    public static PluginJar api(String t, String version) {
        return PluginJar.named("itest." + t + ".api", version).source("io.kiln.itests." + t + ".api.Greeter", greeter(t))
                .header("Export-Package", "io.kiln.itests." + t + ".api;version=" + version);
    }

    /** The source of {@code io.kiln.itests.T.api.Greeter}. */
    public static String greeter(String t) {
        return """
                package io.kiln.itests.%s.api;

                public interface Greeter {
                    String greet(String name);
                }
                """.formatted(t);
    }

    /** A greeter that says {@code word}, registered with the service property {@code property} ({@code name=value}). */
    public static PluginJar service(String t, String version, String word, String property) {
        return PluginJar.named("itest." + t + ".service", version).source("io.kiln.itests." + t + ".impl.PlainGreeter", """
                package io.kiln.itests.%s.impl;

                import org.osgi.service.component.annotations.Component;

                import io.kiln.itests.%s.api.Greeter;

                @Component(property = "%s")
                public class PlainGreeter implements Greeter {
                    @Override
                    public String greet(String name) {
                        return "%s, " + name;
                    }
                }
                """.formatted(t, t, property, word));
    }

    /**
     * A greeter configured by section {@code itest.T}, which says its {@code word} (by default {@code Hello}) and fails
     * to activate when {@code broken = true}. It has no {@code @Modified} method: SCR deactivates it and activates it
     * again, its service gone in between, at each change of its section.
     *
     * @param policy {@code REQUIRE} (it runs only while its section is there) or {@code OPTIONAL} (its defaults apply
     *               without it), as in {@code ConfigurationPolicy}
     */
    public static PluginJar configured(String t, String policy) {
        return PluginJar.named("itest." + t + ".service", "1.0.0").source("io.kiln.itests." + t + ".impl.ConfiguredGreeter", """
                package io.kiln.itests.%s.impl;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;
                import org.osgi.service.component.annotations.ConfigurationPolicy;

                import io.kiln.itests.%s.api.Greeter;

                @Component(configurationPid = "itest.%s", configurationPolicy = ConfigurationPolicy.%s)
                public class ConfiguredGreeter implements Greeter {
                    public @interface Config {
                        String word() default "Hello";
                        boolean broken() default false;
                    }

                    private final String word;

                    @Activate
                    public ConfiguredGreeter(Config config) {
                        if (config.broken()) {
                            throw new IllegalStateException("broken on purpose");
                        }
                        this.word = config.word();
                    }

                    @Override
                    public String greet(String name) {
                        return word + ", " + name;
                    }
                }
                """.formatted(t, t, t, policy));
    }

    public static PluginJar client(String t) {
        return client(t, "");
    }

    /** A client whose reference to the greeter has the target filter {@code target} (none if empty). */
    public static PluginJar client(String t, String target) {
        String reference = target.isEmpty() ? "@Reference" : "@Reference(target = \"" + target + "\")";
        return PluginJar.named("itest." + t + ".client", "1.0.0").source("io.kiln.itests." + t + ".client.GreetingPhrase", """
                package io.kiln.itests.%s.client;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;
                import org.osgi.service.component.annotations.Reference;

                import io.kiln.itests.%s.api.Greeter;
                import io.kiln.sample.phrase.Phrase;

                @Component(immediate = true, property = Phrase.KIND + "=%s-client")
                public class GreetingPhrase implements Phrase {
                    private final Greeter greeter;

                    @Activate
                    public GreetingPhrase(%s Greeter greeter) {
                        this.greeter = greeter;
                    }

                    @Override
                    public String say(String name) {
                        return greeter.greet(name);
                    }
                }
                """.formatted(t, t, t, reference));
    }
}
