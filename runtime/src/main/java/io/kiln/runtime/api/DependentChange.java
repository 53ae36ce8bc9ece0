package io.kiln.runtime.api;

/**
 * What a change to one plugin did to another plugin that depends on it.
 *
 * @param plugin  the dependent plugin's name
 * @param why     how it depends on the changed plugin, for example
 *                {@code imports package io.acme.api 1.0.0} or {@code uses service io.acme.api.Greeter}
 * @param problem what is wrong with it after the change, for example
 *                {@code component acme.Client lost its reference(s) greeter}; empty when it is back as it was
 */
public record DependentChange(String plugin, String why, String problem) {

    /** @return whether the dependent is back as it was before the change */
    public boolean intact() {
        return problem.isEmpty();
    }
}
