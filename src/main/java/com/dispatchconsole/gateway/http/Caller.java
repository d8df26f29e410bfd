package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.service.DispatchServices;

/**
 * Who sent a request, and the services as that token: every transaction they open declares the token, so the
 * database's scope guards and audit see the token's principal, whatever this edge believed.
 */
record Caller(ApiPrincipal principal, DispatchServices services) {

    ApiTokenScope scope() {
        return principal.scope();
    }

    /** The name services pass along; the database writes the token's principal into history regardless. */
    String actor() {
        return principal.label();
    }
}
