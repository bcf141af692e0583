package pretix.resilience.stack.it;

import pretix.resilience.stack.Profile;

class HardenedStackIT extends StackContract {
    @Override
    Profile profile() {
        return Profile.HARDENED;
    }
}
