package io.kiln.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** A plugin whose one Declarative Services component throws from its activate method: compiled and packed on the fly. */
final class FailingPlugin {

    private FailingPlugin() {
    }

    static byte[] jar(String name, Path work) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/it/failing"));
        Files.writeString(sources.resolve("Failing.java"), """
                package it.failing;
                public class Failing {
                    public void activate() {
                        throw new IllegalStateException("it.failing refuses to start");
                    }
                }
                """);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "--release", "17", sources.resolve("Failing.java").toString());
        if (status != 0) {
            throw new IOException("javac failed: " + status);
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Service-Component", "OSGI-INF/it.failing.Failing.xml");
        main.putValue("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.5.0)(!(version>=2.0.0)))\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            put(jar, "OSGI-INF/it.failing.Failing.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.5.0" name="it.failing.Failing" immediate="true" activate="activate">
                      <implementation class="it.failing.Failing"/>
                    </scr:component>
                    """.getBytes(StandardCharsets.UTF_8));
            put(jar, "it/failing/Failing.class", Files.readAllBytes(classes.resolve("it/failing/Failing.class")));
        }
        return bytes.toByteArray();
    }

    private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new ZipEntry(name));
        jar.write(content);
        jar.closeEntry();
    }

    static List<String> traceLines(List<String> output) {
        return output.stream().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")).toList();
    }
}
