package pretix.resilience.cli;

import picocli.CommandLine.ITypeConverter;
import pretix.resilience.stack.Profile;

final class ProfileConverter implements ITypeConverter<Profile> {
    @Override
    public Profile convert(String value) {
        return Profile.parse(value);
    }
}
