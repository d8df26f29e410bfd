package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ErrorCode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers by itself, before a request reaches the API: headers or an address too large for it, a request
 * line or a chunked body that does not parse. The API's one error shape ({@code {code, message}}) with Jetty's
 * status, instead of Jetty's HTML page; never the request's own text (its headers may carry a token).
 */
final class JettyErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        ErrorCode code;
        String sentence;
        if (status == 413 || status == 414 || status == 431) {
            code = ErrorCode.TOO_LARGE;
            sentence = "The request's " + (status == 414 ? "address" : status == 431 ? "headers are" : "body is")
                    + (status == 414 ? " is" : "") + " too large (HTTP " + status + "); nothing was changed.";
        } else if (status == 404 || status == 405) {
            code = ErrorCode.NOT_FOUND;
            sentence = "There is no such request; see /openapi.json for the API.";
        } else if (status >= 400 && status < 500) {
            code = ErrorCode.INVALID_ARGUMENT;
            sentence = "The request could not be read (HTTP " + status + "); nothing was changed.";
        } else {
            code = ErrorCode.UNEXPECTED;
            sentence = "The gateway could not answer (HTTP " + status + "); nothing is known to have changed.";
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(Json.bytes(new ErrorBody(code.name(), sentence, null))), callback);
    }
}
