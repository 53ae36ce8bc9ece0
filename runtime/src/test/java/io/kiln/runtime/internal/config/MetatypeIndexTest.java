package io.kiln.runtime.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

public class MetatypeIndexTest {

    private static final SectionDefinition GREETING = new SectionDefinition(new ObjectClassDefinition() {
        public String getName() { return "Greeting"; }
        public String getID() { return "greeting"; }
        public String getDescription() { return ""; }
        public AttributeDefinition[] getAttributeDefinitions(int filter) { return new AttributeDefinition[0]; }
        public InputStream getIcon(int size) { return null; }
    }, Map.of());

    @Test
    public void aMapBuiltWhileBundlesChangedIsNeverKept() {
        // the first build sees the bundles before the greeting plugin resolved; the plugin resolves while it runs
        Deque<Map<String, SectionDefinition>> builds = new ArrayDeque<>();
        builds.add(Map.of());
        builds.add(Map.of("sample.greeting", GREETING));
        AtomicInteger built = new AtomicInteger();
        MetatypeIndex[] index = new MetatypeIndex[1];
        index[0] = new MetatypeIndex(unchanged -> {
            Map<String, SectionDefinition> found = builds.size() > 1 ? builds.poll() : builds.peek();
            if (built.incrementAndGet() == 1) {
                index[0].invalidate(7);
            }
            return Map.of(7L, found);
        });

        assertSame("the look-up that raced the change answers from a fresh build", GREETING, index[0].definition("sample.greeting"));
        assertSame("and the fresh build is the one kept", GREETING, index[0].definition("sample.greeting"));
        assertEquals(2, built.get());
    }

    @Test
    public void anIndexIsBuiltOnceUntilBundlesChange() {
        AtomicInteger built = new AtomicInteger();
        MetatypeIndex index = new MetatypeIndex(unchanged -> {
            built.incrementAndGet();
            return Map.of(7L, Map.of("sample.greeting", GREETING));
        });
        index.definition("sample.greeting");
        index.definition("other");
        assertEquals(1, built.get());
        index.invalidate(7);
        index.definition("sample.greeting");
        assertEquals(2, built.get());
    }

    @Test
    public void aBuildAfterAChangeReadsOnlyTheBundlesThatChanged() {
        Map<String, SectionDefinition> farewell = Map.of("sample.farewell", GREETING);
        Deque<Map<Long, Map<String, SectionDefinition>>> given = new ArrayDeque<>();
        MetatypeIndex index = new MetatypeIndex(unchanged -> {
            given.add(unchanged);
            Map<Long, Map<String, SectionDefinition>> built = new java.util.HashMap<>(unchanged);
            built.putIfAbsent(7L, Map.of("sample.greeting", GREETING));
            built.putIfAbsent(8L, farewell);
            return built;
        });
        index.definition("sample.greeting");
        index.invalidate(7);
        assertSame(GREETING, index.definition("sample.farewell"));
        assertEquals("the first build reads every bundle", Map.of(), given.poll());
        assertEquals("the next one is given the bundle that did not change", Map.of(8L, farewell), given.poll());
    }

    @Test
    public void aBundleThatStartsIsReadAgainForTheMetatypeProvidersItRegisters() {
        Deque<Map<Long, Map<String, SectionDefinition>>> given = new ArrayDeque<>();
        MetatypeIndex index = new MetatypeIndex(unchanged -> {
            given.add(unchanged);
            return Map.of(7L, Map.of(), 8L, Map.of());
        });
        index.definition("org.apache.felix.http");
        index.bundleChanged(new BundleEvent(BundleEvent.STARTED, bundle(7, Bundle.ACTIVE)));
        index.definition("org.apache.felix.http");
        given.poll();
        assertEquals("the bundle that started is read again", Map.of(8L, Map.of()), given.poll());
    }

    @Test
    public void aBundleTheMetatypeServiceFailsOnWhileItChangesIsLeftOutNotTheWholeBuild() {
        Bundle installing = bundle(41, Bundle.RESOLVED); // being updated: Felix gives it a new revision
        Bundle greeting = bundle(42, Bundle.RESOLVED);
        BundleContext context = context(installing, greeting);
        MetaTypeInformation information = greetingInformation();
        MetaTypeService metatype = proxy(MetaTypeService.class, (method, args) -> {
            if (args[0] == installing) {
                // what Felix Metatype throws for a bundle that has no revision yet
                throw new NullPointerException("Cannot invoke \"BundleRevision.getWiring()\" because \"revision\" is null");
            }
            return information;
        });
        assertSame(GREETING.ocd(), MetatypeIndex.build(context, metatype).get("sample.greeting").ocd());
    }

    @Test
    public void aBundleOnlyInstalledIsNeverReadWhichWouldResolveIt() {
        Bundle installed = bundle(41, Bundle.INSTALLED);
        Bundle greeting = bundle(42, Bundle.RESOLVED);
        BundleContext context = context(installed, greeting);
        MetaTypeInformation information = greetingInformation();
        java.util.List<Object> asked = new java.util.ArrayList<>();
        MetaTypeService metatype = proxy(MetaTypeService.class, (method, args) -> {
            asked.add(args[0]);
            return information;
        });
        assertSame(GREETING.ocd(), MetatypeIndex.build(context, metatype).get("sample.greeting").ocd());
        assertEquals("Felix Metatype resolves a bundle it reads", java.util.List.of(greeting), asked);
    }

    private static BundleContext context(Bundle... bundles) {
        return proxy(BundleContext.class, (method, args) -> method.getName().equals("getBundles") ? bundles : null);
    }

    /** What Felix Metatype tells of the greeting plugin: one PID, its definition. */
    private static MetaTypeInformation greetingInformation() {
        return proxy(MetaTypeInformation.class, (method, args) -> switch (method.getName()) {
            case "getPids" -> new String[] { "sample.greeting" };
            case "getFactoryPids" -> new String[0];
            case "getObjectClassDefinition" -> GREETING.ocd();
            default -> null;
        });
    }

    private static Bundle bundle(long id, int state) {
        return proxy(Bundle.class, (method, args) -> switch (method.getName()) {
            case "getState" -> state;
            case "getBundleId" -> id;
            default -> null;
        });
    }

    private interface Answer {
        Object answer(java.lang.reflect.Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (self, method, args) -> method.getName().equals("hashCode") ? System.identityHashCode(self)
                        : method.getName().equals("equals") ? self == args[0] : answer.answer(method, args)));
    }
}
