package pretix.resilience.stack.it;

import pretix.resilience.stack.Profile;

class HardenedDataTierIT extends DataTierContract {
    @Override
    Profile profile() {
        return Profile.HARDENED;
    }
}
