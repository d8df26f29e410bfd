package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ApiAccess;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/** Reading a request: its caller, its bounded body, its ids and its precondition. */
final class Requests {

    static final String CALLER = "dispatch.caller";
    /** JSON bodies: a batch of 100 orders with long addresses fits several times over. */
    static final int MAX_JSON_BYTES = 256 * 1024;
    /** A refused body up to this size is read to its end before the refusal (see {@link #tooLarge(Context, long)}). */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private Requests() {
    }

    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw Authenticator.unauthenticated();
        }
        return caller;
    }

    static JsonBody body(Context ctx) {
        return JsonBody.parse(boundedBody(ctx, MAX_JSON_BYTES));
    }

    /** The body, refused with TOO_LARGE past {@code limit} whether or not the client declared its length. */
    static byte[] boundedBody(Context ctx, int limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(ctx, limit);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw new ApiFailure(ErrorCode.INVALID_ARGUMENT, "The request body could not be read; nothing was changed.",
                    null);
        }
        if (bytes.length > limit) {
            throw tooLarge(ctx, limit);
        }
        return bytes;
    }

    /**
     * TOO_LARGE, after reading what the client still sends (up to {@link #DRAIN_LIMIT}) and dropping it: a server that
     * answers and closes while the client is still sending makes the client's network stack reset the connection,
     * and the client (a rider app uploading a photo, say) sees a broken connection instead of the answer.
     */
    static ApiFailure tooLarge(Context ctx, long limit) {
        if (ctx.req().getContentLengthLong() <= DRAIN_LIMIT) {
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            try (InputStream in = ctx.req().getInputStream()) {
                for (int n; drained <= DRAIN_LIMIT && (n = in.read(sink)) >= 0; ) {
                    drained += n;
                }
            } catch (IOException gone) {
                // the client stopped sending: nothing more to read
            }
        }
        return tooLarge(limit);
    }

    static ApiFailure tooLarge(long limit) {
        return new ApiFailure(ErrorCode.TOO_LARGE, "The request is larger than " + limit / 1024
                + " KiB; nothing was changed.", null);
    }

    /**
     * The outlet a request works on ({@link ApiAccess#outlet}): an outlet token's own, or the {@code outletId} a
     * system token must name (refused naming the field when it does not).
     */
    static UUID outlet(Caller caller, UUID named) {
        if (named == null && caller.scope().kind() != com.dispatchconsole.domain.ApiTokenScope.Kind.OUTLET) {
            throw ApiFailure.badField("outletId", "Name the outlet with 'outletId' (a " + caller.scope().kind().name()
                    .toLowerCase() + " token works on any outlet).");
        }
        return ApiAccess.outlet(caller.scope(), named);
    }

    static UUID queryOutlet(Context ctx, Caller caller) {
        String named = ctx.queryParam("outletId");
        return outlet(caller, named == null ? null : Fields.uuid(named, "outletId"));
    }

    static UUID pathId(Context ctx, String name) {
        return Fields.uuid(ctx.pathParam(name), name);
    }

    /**
     * The version of the batch the client last saw, from {@code expectedVersion} in the body or an
     * {@code If-Match} header ({@code "7"}, {@code W/"7"} or {@code 7}); none means "whatever is current".
     */
    static Expected expected(Context ctx, JsonBody body) {
        Long fromBody = body.optionalLong("expectedVersion");
        Long fromHeader = ifMatch(ctx.header("If-Match"));
        if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
            throw ApiFailure.badField("expectedVersion", "expectedVersion " + fromBody + " and If-Match "
                    + fromHeader + " disagree; send one.");
        }
        Long version = fromBody != null ? fromBody : fromHeader;
        return version == null ? Expected.ANY : Expected.version(version);
    }

    private static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiFailure.badField("If-Match", "If-Match must be the batch's version as its ETag gave it, e.g. \"7\".");
        }
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
