package org.whalemountain.archfixture.cycle;

import org.whalemountain.archfixture.cycle.part.CyclicPart;

/**
 * A deliberate offender: a root package that names its own sub-package, which names the
 * root back. Test fixture only.
 */
public interface CyclicEntry {

	CyclicPart part();

}
