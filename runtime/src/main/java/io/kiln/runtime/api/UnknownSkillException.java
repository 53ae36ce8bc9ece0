package io.kiln.runtime.api;

/** No skill folder has the name given. */
public final class UnknownSkillException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param name  the name asked for
     * @param known the skills there are, for the message
     */
    public UnknownSkillException(String name, java.util.Collection<String> known) {
        super("no skill '" + name + "'" + (known.isEmpty() ? "" : "; skills: " + String.join(", ", known)));
    }
}
