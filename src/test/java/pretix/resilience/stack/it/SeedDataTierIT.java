package pretix.resilience.stack.it;

import pretix.resilience.stack.Profile;

class SeedDataTierIT extends DataTierContract {
    @Override
    Profile profile() {
        return Profile.SEED;
    }
}
