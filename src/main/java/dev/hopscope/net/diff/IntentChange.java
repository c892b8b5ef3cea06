package dev.hopscope.net.diff;

import dev.hopscope.model.Intent;
import dev.hopscope.net.trace.Disposition;

/**
 * An intent (matched by id) whose verdict changed: its disposition and whether it held, before
 * and after. {@code before} / {@code okBefore} are null for an intent the first design did not
 * have, {@code after} / {@code okAfter} for one the second design dropped. {@code intent} is the
 * intent as the second design states it (or the first, when dropped).
 */
public record IntentChange(Intent intent, Disposition before, Boolean okBefore, Disposition after, Boolean okAfter, String reason) {

    /** It held and now does not (a dropped intent breaks nothing). */
    public boolean broke() { return Boolean.TRUE.equals(okBefore) && Boolean.FALSE.equals(okAfter); }

    /** It did not hold (or did not exist) and now does. */
    public boolean fixed() { return Boolean.TRUE.equals(okAfter) && !Boolean.TRUE.equals(okBefore); }
}
