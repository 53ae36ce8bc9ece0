package io.kiln.http.internal;

/** A request the API answers with an error status and an {@code {"error", "detail"}} body. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final transient Object extra;

    ApiException(int status, String error, String detail) {
        this(status, error, detail, null);
    }

    /** @param extra more to say, as a {@code result} member of the body (a change's outcome), or {@code null} */
    ApiException(int status, String error, String detail, Object extra) {
        super(detail);
        this.status = status;
        this.error = error;
        this.extra = extra;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    Object extra() {
        return extra;
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, "bad request", detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "not found", detail);
    }
}
