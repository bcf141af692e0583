package pretix.resilience.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import pretix.resilience.stack.Profile;

/**
 * A class of resilience tests written in Java on one stack of the given profile, started before
 * the first test and removed after the last; each test gets a {@link Resilience} to run its
 * faults with. Scenario files need none of this: {@code chaos run} runs them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ResilienceExtension.class)
public @interface ResilienceSuite {

    Profile profile() default Profile.HARDENED;
}
