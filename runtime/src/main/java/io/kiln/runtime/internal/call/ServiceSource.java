package io.kiln.runtime.internal.call;

/**
 * Where a handle gets one version's service object: from the framework, on the first call or as the first caller
 * binds (a delayed component is activated then, as it would be for a caller bound to it directly), and given back
 * when the last caller lets go.
 */
public interface ServiceSource {

    /** @return the service object, or {@code null} if the version cannot provide it (its component failed to activate) */
    Object get();

    /** Gives the service object back: nobody holds the handle any more. */
    void release();

    /** @return a source that always gives {@code service} and has nothing to give back */
    static ServiceSource of(Object service) {
        return new ServiceSource() {
            @Override
            public Object get() {
                return service;
            }

            @Override
            public void release() {
                // nothing was taken
            }
        };
    }
}
