/**
 * Makes FileInstall act on a change within milliseconds, without polling faster.
 * <p>
 * FileInstall acts on a file once its checksum is unchanged across two scans, and scans every
 * {@code felix.fileinstall.poll} milliseconds. A short poll would make it fast but busy; a long one idle but
 * slow. This package listens to the operating system's file events (inotify on Linux) for the watched
 * folders and, once a folder has been quiet for a moment, wakes FileInstall for a short burst of scans.
 * FileInstall's own poll stays long and is only the safety net.
 */
package io.kiln.runtime.internal.watch;
