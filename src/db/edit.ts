// Transient edits. A persistent structure copies the path to every change, so that older versions stay
// valid. Within one undo scope (one operation of one transaction) nobody else can hold the versions made
// in between, so copying each node once per scope is enough: nodes copied under an Edit token carry it,
// and later writes with the same token change them in place. Whoever hands a version out (a checkpoint,
// a returned state) first retires the token, after which those nodes are as immutable as any other.

/** An owner of freshly copied nodes; compared by identity only. */
export interface Edit {
  readonly edit: true;
}

export function newEdit(): Edit {
  return { edit: true };
}
