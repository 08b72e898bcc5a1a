/**
 * Singularity/Apptainer SIF files built from catalogue images: flattening the layers, the
 * runtime layout inside the image, squashfs and the SIF container around it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "SIF",
		allowedDependencies = { "registry", "registry::events", "platform" })
package org.whalemountain.sif;
