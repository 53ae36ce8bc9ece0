package io.kiln.runtime.internal.skill;

/** A {@code SKILL.md} that cannot be published; the message names the file and the cause. */
final class SkillException extends Exception {

    private static final long serialVersionUID = 1L;

    SkillException(String message) {
        super(message);
    }
}
