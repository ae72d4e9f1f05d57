/**
 * Files: read with checks that say what is missing and how to get it back ({@link dlkit.io.FileCheck}),
 * written atomically so that a crash never leaves half a model or checkpoint ({@link dlkit.io.AtomicFile}).
 */
package dlkit.io;
