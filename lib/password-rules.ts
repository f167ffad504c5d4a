/** Minimum length of a new password; shared by the forms (client) and the server schemas. */
export const PASSWORD_MIN_LENGTH = 10;
