/**
 * Who is calling: LDAP login, the users and groups mirrored from the directory, roles,
 * and personal access tokens for the API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity", allowedDependencies = "platform")
package org.whalemountain.identity;
