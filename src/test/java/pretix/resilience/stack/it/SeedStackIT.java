package pretix.resilience.stack.it;

import pretix.resilience.stack.Profile;

class SeedStackIT extends StackContract {
    @Override
    Profile profile() {
        return Profile.SEED;
    }
}
