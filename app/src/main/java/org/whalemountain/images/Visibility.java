package org.whalemountain.images;

/** Who besides its owner (and the admins) may see an image. */
public enum Visibility {

	/** Only the owner. */
	PRIVATE,

	/** Every user who can log in. */
	PUBLIC,

	/** The members of one directory group the owner is in. */
	GROUP

}
