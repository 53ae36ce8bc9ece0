package io.kiln.runtime.internal.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.kiln.runtime.api.UnknownSectionException;

/** What Kiln knows of each section, by the PID ConfigAdmin knows it by. */
final class SectionStates {

    private final Map<String, SectionState> states = new ConcurrentHashMap<>();

    Optional<SectionState> get(String pid) {
        return Optional.ofNullable(states.get(pid));
    }

    /**
     * @throws UnknownSectionException if no section file has this PID
     */
    SectionState require(String pid) {
        SectionState state = states.get(pid);
        if (state == null) {
            throw new UnknownSectionException(pid, new TreeMap<>(states).keySet());
        }
        return state;
    }

    void put(SectionState state) {
        states.put(state.section().configurationPid(), state);
    }

    void remove(String pid) {
        states.remove(pid);
    }

    /** @return every section, sorted by PID */
    List<SectionState> all() {
        return List.copyOf(new TreeMap<>(states).values());
    }
}
