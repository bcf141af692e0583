package pretix.resilience.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import pretix.resilience.stack.Profile;

/** A profile by its id; a wrong one is answered with the choices, and no Java class name. */
final class ProfileConverter implements ITypeConverter<Profile> {
    @Override
    public Profile convert(String value) {
        try {
            return Profile.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
