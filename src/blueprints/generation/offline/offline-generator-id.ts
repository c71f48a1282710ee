/**
 * OFFLINE GENERATOR — not a model. A deterministic stand-in for the blueprint generator, so
 * `blueprints generate --offline` runs with no model and no key. It answers the same prompts a model
 * would, in the same shape: for a generation prompt it reads the sampled context back from the prompt
 * and, after the call that identifies the user, fills the domain's templates for the walk's write
 * tools on the records the context names, keeping only requests whose calls run cleanly and break no
 * policy rule; for a recombination prompt it joins the instructions. Same prompt, same answer.
 */
export const OFFLINE_GENERATOR_ID = 'offline:template-generator';
