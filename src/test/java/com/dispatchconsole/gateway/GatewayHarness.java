package com.dispatchconsole.gateway;

import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A gateway as it runs for real, on a fresh database: the owner migrates and sets up outlets and riders, the
 * gateway signs in with its own login in dispatch_gateway (so the database's scope guards apply), and tests talk
 * to it over real HTTP.
 */
public final class GatewayHarness implements AutoCloseable {

    public record Answer(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        public String code() {
            return body.path("code").asText(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public final DatabaseConfig owner;
    public final Database ownerDb;
    public final DispatchServices ownerServices;
    public final Sql sql;
    public final Fixtures given;
    /** The gateway's own login (a member of dispatch_gateway), as the gateway connects with it. */
    public final DatabaseConfig gatewayLogin;
    public final Database gatewayDb;
    public final GatewayServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public GatewayHarness(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, UnaryOperator.identity());
    }

    /** As above, with the gateway's login changed by {@code route}: another address (a proxy), other timeouts. */
    public GatewayHarness(double ratePerSecond, int burst, UnaryOperator<DatabaseConfig> route) {
        owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        ownerServices = new DispatchServices(ownerDb);
        sql = new Sql(ownerDb.dataSource());
        given = new Fixtures(ownerServices);
        gatewayLogin = route.apply(Logins.create(owner, "dispatch_gateway"));
        gatewayDb = Database.open(gatewayLogin);
        server = GatewayServer.start(new DispatchServices(gatewayDb),
                FeedSettings.of(gatewayLogin.url(), gatewayLogin.user(), gatewayLogin.password()),
                new GatewayServer.Settings("127.0.0.1", 0, 0, ratePerSecond, burst));
    }

    /** A token as an admin issues it (the owner here). */
    public String token(ApiTokenScope scope) {
        return ownerServices.tokens().issue(scope, "test-admin").token();
    }

    public String base() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    public Answer get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Answer post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public Answer post(String path, String token, String json, String header, String value) {
        return send(request(path, token).header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode node = body.length > 0 && type.startsWith("application/json") ? JSON.readTree(body)
                    : JSON.createObjectNode();
            return new Answer(response.statusCode(), node, response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    @Override
    public void close() {
        server.close();
        gatewayDb.close();
        ownerDb.close();
    }
}
