package io.kiln.runtime.internal.config;

import java.util.Optional;

/**
 * The one home of how a section is named: ConfigAdmin gives one instance of factory configuration
 * {@code factoryPid} named {@code name} the PID {@code factoryPid~name}, and the section's file is that PID with
 * {@code .cfg} (or {@code .config}) after it. A {@code -} is just a character.
 */
public final class SectionPids {

    /** Between a factory PID and an instance name, in a PID and in a file name. */
    public static final char SEPARATOR = '~';

    /** The file names a section may have, for messages. */
    static final String FILE_NAME_FORM = "<pid>.cfg or <factoryPid>" + SEPARATOR + "<name>.cfg";

    private SectionPids() {
    }

    /** @return the PID ConfigAdmin gives the instance {@code name} of factory configuration {@code factoryPid} */
    public static String instancePid(String factoryPid, String name) {
        return factoryPid + SEPARATOR + name;
    }

    /** @return the instance name of a factory configuration's PID, or empty for a plain PID */
    public static Optional<String> instanceName(String pid) {
        int separator = pid.indexOf(SEPARATOR);
        return separator < 0 ? Optional.empty() : Optional.of(pid.substring(separator + 1));
    }

    /** @return whether the PID is an agent's: an instance of the factory configuration {@code kiln.agent} */
    static boolean isAgent(String pid) {
        return factoryOrPlainPid(pid).equals(io.kiln.runtime.api.AgentService.FACTORY_PID) && pid.indexOf(SEPARATOR) > 0;
    }

    /** @return the PID, or the factory PID of a factory configuration's PID */
    static String factoryOrPlainPid(String pid) {
        int separator = pid.indexOf(SEPARATOR);
        return separator < 0 ? pid : pid.substring(0, separator);
    }
}
