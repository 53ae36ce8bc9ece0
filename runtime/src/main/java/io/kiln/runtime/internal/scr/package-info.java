/** What Declarative Services says of a plugin's components, read and described in one place. */
package io.kiln.runtime.internal.scr;
