package io.parley.tenant;

/** How large a business profile may be, so that its prompt stays well inside any model's context. */
public final class ProfileLimits {

    public static final int NAME = 200;
    public static final int DESCRIPTION = 4_000;
    public static final int ITEMS = 50;
    public static final int ITEM = 500;
    public static final int TONE = 300;
    public static final int FALLBACK = 600;

    private ProfileLimits() {}
}
