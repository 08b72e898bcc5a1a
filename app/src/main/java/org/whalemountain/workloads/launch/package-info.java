/**
 * Launching a container: the input checks ({@code LaunchInputs}), the image choice
 * ({@code ImageChoice}), the hardened spec ({@code LendingSpecs}), home directories, and
 * the flow itself: {@code Launches} decides between starting at once and pulling first,
 * {@code LaunchSteps} reserves the row, quota and host ports and then creates and starts,
 * {@code ImagePulls} finishes pulls in the background.
 */
package org.whalemountain.workloads.launch;
