package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.service.DispatchServices;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: JSON over Javalin, {@code Authorization: Bearer <token>} on everything under {@code /api} but the
 * health check, a rate per token, bounded bodies, and one error shape ({@code {code, message, field}}) with a
 * fitting status for every refusal. Handlers are thin: they read the request, check the token's reach, call one
 * service use case as the token, and write the answer.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final String ANSWERED = "dispatch.answered";
    static final String OPENAPI_RESOURCE = "/gateway/openapi.json";

    /**
     * @param ratePerSecond requests a second per token on average (0 turns the limit off), {@code burst} at once
     * @param rememberTokens how long a valid token's lookup is reused for reads (writes are checked by the
     *                       database every time)
     */
    public record Settings(String host, int port, double ratePerSecond, int burst, Duration rememberTokens) {

        public static Settings defaults(String host, int port) {
            return new Settings(host, port, 20, 40, Duration.ofSeconds(5));
        }

        public Settings withRate(double perSecond, int burst) {
            return new Settings(host, port, perSecond, burst, rememberTokens);
        }
    }

    private final Javalin app;

    private HttpApi(Javalin app) {
        this.app = app;
    }

    public static HttpApi start(DispatchServices services, Settings settings) {
        Authenticator authenticator = new Authenticator(services.tokens(), settings.rememberTokens());
        RateLimiter perToken = new RateLimiter(settings.ratePerSecond(), settings.burst());
        // Failed sign-ins per client address: guessing costs a database lookup each, so it is bounded too.
        RateLimiter failures = new RateLimiter(10, 20);
        byte[] openApi = openApiDocument();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            config.http.maxRequestSize = PhotoEndpoints.PhotoLimits.MAX_REQUEST_BYTES;
            config.jetty.multipartConfig.maxFileSize(PhotoEndpoints.PhotoLimits.MAX_PHOTO_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(PhotoEndpoints.PhotoLimits.MAX_REQUEST_BYTES,
                    SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(PhotoEndpoints.PhotoLimits.MAX_PHOTO_BYTES + 1,
                    SizeUnit.BYTES);
            var routes = config.routes;
            routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            routes.get("/api/health", ctx -> health(ctx, services));
            routes.before("/api/*", ctx -> admit(ctx, services, authenticator, perToken, failures));
            BatchEndpoints.register(routes);
            FleetEndpoints.register(routes);
            RiderEndpoints.register(routes);
            PhotoEndpoints.register(routes);
            routes.exception(ApiFailure.class, (e, ctx) -> refuse(ctx, e.code(), e.getMessage(), e.field()));
            routes.exception(DispatchException.class, (e, ctx) -> refuse(ctx, e));
            routes.exception(HttpResponseException.class, (e, ctx) -> fromJavalin(ctx, e.getStatus()));
            routes.exception(Exception.class, HttpApi::unexpected);
            routes.error(404, ctx -> {
                if (ctx.attribute(ANSWERED) == null) {
                    refuse(ctx, ErrorCode.NOT_FOUND, "There is no " + ctx.method() + " " + ctx.path()
                            + "; see /openapi.json for the API.", null);
                }
            });
            routes.error(405, ctx -> {
                if (ctx.attribute(ANSWERED) == null) {
                    refuse(ctx, ErrorCode.NOT_FOUND, "There is no " + ctx.method() + " " + ctx.path() + ".", null);
                }
            });
        });
        app.start(settings.host(), settings.port());
        return new HttpApi(app);
    }

    public int port() {
        return app.port();
    }

    /** Every route as "METHOD /path" (before-handlers excluded), for the test that holds openapi.json to them. */
    public java.util.List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(p -> p.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(e -> e.method.name() + " " + e.path)
                .sorted().toList();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void admit(Context ctx, DispatchServices services, Authenticator authenticator,
                              RateLimiter perToken, RateLimiter failures) {
        if (ctx.path().equals("/api/health")) {
            return;
        }
        ApiPrincipal principal;
        try {
            principal = authenticator.authenticate(ctx.header("Authorization"));
        } catch (ApiFailure refused) {
            ctx.header("WWW-Authenticate", "Bearer");
            if (!failures.tryAcquire(ctx.ip())) {
                ctx.header("Retry-After", "1");
                throw new ApiFailure(ErrorCode.RATE_LIMITED, "Too many requests with invalid tokens from this "
                        + "address; wait a second.", null);
            }
            throw refused;
        }
        if (!perToken.tryAcquire(principal.tokenId())) {
            ctx.header("Retry-After", "1");
            throw new ApiFailure(ErrorCode.RATE_LIMITED, "This token is over its rate of "
                    + String.format(java.util.Locale.ROOT, "%.3g", perToken.perSecond())
                    + " requests a second; nothing was done, try again shortly.", null);
        }
        ctx.attribute(Requests.CALLER, new Caller(principal, services.actingFor(principal)));
    }

    private static void health(Context ctx, DispatchServices services) {
        try {
            String database = services.queries().identity().databaseName();
            Json.answer(ctx, 200, new Views.Health("ok", database));
        } catch (DispatchException e) {
            refuse(ctx, e);
        }
    }

    /**
     * A service's refusal. The database's own outages are told in the API's words: the services' sentence names the
     * database's address (for the console's operators), which is none of an API client's business.
     */
    static void refuse(Context ctx, DispatchException e) {
        String message = switch (e.code()) {
            case DATABASE_UNAVAILABLE -> "The gateway cannot reach its database right now; nothing was changed. "
                    + "Try again in a few seconds.";
            case DATABASE_TIMEOUT -> "The gateway's database did not answer in time; nothing was changed. "
                    + "Try again in a few seconds.";
            default -> e.getMessage();
        };
        refuse(ctx, e.code(), message, null);
    }

    static void refuse(Context ctx, ErrorCode code, String message, String field) {
        int status = HttpStatuses.of(code);
        if (status == 503) {
            ctx.header("Retry-After", "5");
        }
        ctx.attribute(ANSWERED, Boolean.TRUE);
        Json.answer(ctx, status, new ErrorBody(code.name(), message, field));
    }

    private static void fromJavalin(Context ctx, int status) {
        switch (status) {
            case 413 -> refuse(ctx, ErrorCode.TOO_LARGE, "The request is too large; nothing was changed.", null);
            case 404, 405 -> refuse(ctx, ErrorCode.NOT_FOUND, "There is no " + ctx.method() + " " + ctx.path() + ".",
                    null);
            default -> refuse(ctx, ErrorCode.INVALID_ARGUMENT, "The request could not be read (HTTP " + status
                    + "); nothing was changed.", null);
        }
    }

    /** A bug or a surprise: one log line with the trace and an incident id; the client gets the id, not the trace. */
    private static void unexpected(Exception e, Context ctx) {
        int clientError = clientError(e);
        if (clientError == 413 || (clientError > 0 && tooLarge(e))) {
            refuse(ctx, ErrorCode.TOO_LARGE, "The request is larger than "
                    + PhotoEndpoints.PhotoLimits.MAX_PHOTO_BYTES / (1024 * 1024) + " MiB; nothing was stored.", null);
            return;
        }
        if (clientError > 0) {
            // A body Jetty could not read (a broken multipart, say): the client's mistake, not an incident.
            refuse(ctx, ErrorCode.INVALID_ARGUMENT, "The request body could not be read (HTTP " + clientError
                    + "); nothing was changed.", null);
            return;
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected failure {} on {} {}", incident, ctx.method(), ctx.endpoint() == null ? ctx.path()
                : ctx.endpoint().path, e);
        refuse(ctx, ErrorCode.UNEXPECTED, "Something went wrong in the gateway (incident " + incident
                + "); nothing is known to have changed. The details are in the gateway's log.", null);
    }

    /** The 4xx status of a request Jetty refused to read (e.g. "400: bad multipart"), else 0. */
    private static int clientError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return http.getCode();
            }
        }
        return 0;
    }

    /** Jetty reports an oversized multipart part as "max file size exceeded" somewhere in a 400's causes. */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("413") || m.contains("exceed") || m.contains("too large")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] openApiDocument() {
        try (InputStream in = HttpApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document is missing from the build: " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the OpenAPI document could not be read", e);
        }
    }
}
