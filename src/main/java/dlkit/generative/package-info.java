/**
 * Networks that make new data: a GAN ({@link dlkit.generative.Gan}: generator and discriminator trained in
 * turn) and text written by a character-level language model ({@link dlkit.generative.TextGenerator}).
 */
package dlkit.generative;
