package io.parley.tenant;

/** A change that would leave an organization without an owner: the last owner can be neither removed nor demoted. */
public class LastOwnerException extends RuntimeException {

    public LastOwnerException() {
        super("last owner", null, false, false);
    }
}
