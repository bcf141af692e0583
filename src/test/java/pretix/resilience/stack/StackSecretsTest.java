package pretix.resilience.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackSecretsTest {

    @Test
    void aStackFoundOnTheEngineIsAskedForASecretOnlyWhenOneIsNeededAndOnce() {
        List<StackSecret> asked = new ArrayList<>();
        StackSecrets secrets = StackSecrets.read(secret -> {
            asked.add(secret);
            if (secret == StackSecret.PGPOOL_KEY) {
                throw new IllegalStateException("no node of the stack holds " + secret.path());
            }
            return "value of " + secret;
        });
        NodeClients clients = secrets.clients();

        assertThat(asked).as("a half-started stack can be listed and swept").isEmpty();
        assertThat(clients.postgresProperties(Duration.ofSeconds(1)).getProperty("password"))
                .isEqualTo("value of POSTGRES_PASSWORD");
        assertThat(secrets.shopAccess().token()).isEqualTo("value of SHOP_TOKEN");
        secrets.get(StackSecret.SHOP_TOKEN);
        assertThat(asked).containsExactly(StackSecret.POSTGRES_PASSWORD, StackSecret.SHOP_TOKEN);
        assertThatThrownBy(() -> secrets.get(StackSecret.PGPOOL_KEY)).hasMessageContaining("/run/secrets/pgpool-key");
    }
}
