package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.rows.ApiTokenRow;
import com.dispatchconsole.domain.rows.IssuedToken;
import com.dispatchconsole.testing.UnitTest;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A token's scope names exactly one subject, and a token has one shape; refusals say what is missing. */
@UnitTest
class ApiTokenScopeTest {

    @Test
    void eachKindNamesItsSubjectOrASystem() {
        UUID id = UUID.randomUUID();
        assertThat(ApiTokenScope.rider(id).describe()).isEqualTo("rider " + ShortId.of(id));
        assertThat(ApiTokenScope.outlet(id).describe()).isEqualTo("outlet " + ShortId.of(id));
        assertThat(ApiTokenScope.tracking(id).describe()).isEqualTo("batch " + ShortId.of(id));
        assertThat(ApiTokenScope.system("  billing ").systemName()).isEqualTo("billing");
    }

    @Test
    void aScopeWithoutItsSubjectOrWithBothIsRefusedWithASentence() {
        UUID id = UUID.randomUUID();
        assertRefused(() -> ApiTokenScope.rider(null), "A RIDER token needs the id of its rider.");
        assertRefused(() -> ApiTokenScope.tracking(null), "A TRACKING token needs the id of its batch.");
        assertRefused(() -> ApiTokenScope.system(" "), "A SYSTEM token needs the system's name.");
        assertRefused(() -> ApiTokenScope.system("x".repeat(101)), "The system name is longer than 100 characters.");
        assertRefused(() -> new ApiTokenScope(ApiTokenScope.Kind.SYSTEM, id, "billing"),
                "A SYSTEM token names a system, not a rider, outlet or batch.");
        assertRefused(() -> new ApiTokenScope(ApiTokenScope.Kind.OUTLET, id, "billing"),
                "An OUTLET token names its outlet, not a system name.");
        assertRefused(() -> new ApiTokenScope(null, id, null),
                "A token needs a scope: a rider, an outlet, a batch to track, or a system.");
        assertThat(ApiTokenScope.system("x".repeat(100)).systemName()).hasSize(100);
    }

    @Test
    void tokensAreRandomWellFormedAndHashedNotKept() {
        SecureRandom random = new SecureRandom();
        String one = ApiTokenSecret.generate(random);
        String two = ApiTokenSecret.generate(random);

        assertThat(one).startsWith("dct_").hasSize(47).isNotEqualTo(two).matches("dct_[A-Za-z0-9_-]{43}");
        assertThat(ApiTokenSecret.wellFormed(one)).isTrue();
        assertThat(ApiTokenSecret.wellFormed(one.substring(1))).isFalse();
        assertThat(ApiTokenSecret.wellFormed(one.substring(0, 46) + "=")).isFalse();
        assertThat(ApiTokenSecret.wellFormed(null)).isFalse();
        assertThat(ApiTokenSecret.hash(one)).hasSize(32).isEqualTo(ApiTokenSecret.hash(one))
                .isNotEqualTo(ApiTokenSecret.hash(two));
        assertThat(ApiTokenSecret.shownPart(one)).isEqualTo(one.substring(0, 12));
    }

    @Test
    void anIssuedTokenDoesNotPrintItsToken() {
        ApiTokenRow row = new ApiTokenRow(UUID.randomUUID(), ApiTokenScope.system("billing"), "dct_abcdefgh",
                null, "admin", null, null);
        String token = ApiTokenSecret.generate(new SecureRandom());
        assertThat(new IssuedToken(token, row).toString()).doesNotContain(token).contains("billing");
    }

    private static void assertRefused(Runnable call, String sentence) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DispatchException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.sentence()).isEqualTo(sentence);
        });
    }
}
