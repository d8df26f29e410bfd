package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.testing.UnitTest;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An authenticated token: named in the audit's words, its credential never shown. */
@UnitTest
class ApiPrincipalTest {

    private static final UUID RIDER = UUID.fromString("1a2b3c4d-0000-4000-8000-000000000001");

    @Test
    void theLabelIsTheAuditsWordsAndToStringNeverShowsTheCredential() {
        String token = ApiTokenSecret.generate(new SecureRandom());
        String credential = ApiTokenSecret.credential(token);
        ApiPrincipal rider = new ApiPrincipal(UUID.randomUUID(), ApiTokenScope.rider(RIDER),
                ApiTokenSecret.shownPart(token), credential);
        ApiPrincipal system = new ApiPrincipal(UUID.randomUUID(), ApiTokenScope.system("billing"), "dct_AbCd1234",
                credential);

        assertThat(rider.label()).isEqualTo("api rider 1a2b3c4d (token " + token.substring(0, 12) + ")");
        assertThat(system.label()).isEqualTo("api system billing (token dct_AbCd1234)");
        assertThat(credential).hasSize(64).matches("[0-9a-f]+");
        assertThat(rider.toString()).contains(rider.label()).doesNotContain(credential).doesNotContain(token);
        assertThat(String.valueOf(system)).doesNotContain(credential);
    }

    @Test
    void aCredentialIsTheLowercaseHexOfASha256() {
        String credential = ApiTokenSecret.credential(ApiTokenSecret.generate(new SecureRandom()));
        for (String bad : new String[] {null, "", credential.toUpperCase(), credential.substring(1), credential + "0",
            "dct_" + credential.substring(4)}) {
            assertThatThrownBy(() -> new ApiPrincipal(UUID.randomUUID(), ApiTokenScope.system("x"), "dct_x", bad))
                    .as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(credential);
        }
    }
}
