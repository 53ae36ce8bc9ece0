package io.kiln.runtime.internal.call;

import java.util.List;

/**
 * A handle a swap window dropped at its close: nothing served it any more, so its callers lose it.
 *
 * @param plugin     the plugin whose service it stood for
 * @param interfaces the service's interface names
 * @param why        why nothing serves it, in words
 */
public record DroppedHandle(String plugin, List<String> interfaces, String why) {

    public DroppedHandle {
        interfaces = List.copyOf(interfaces);
    }
}
