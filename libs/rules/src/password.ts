/**
 * The password rule, stated once: 10 to 128 characters, at least three of lower case, upper case, digits and
 * symbols, and not containing the username.
 */
export const PASSWORD_RULE = '密码须为 10–128 位，至少包含大写字母、小写字母、数字、符号中的三类，且不得包含用户名';

export function passwordProblems(password: string, username?: string): string | null {
  if (password.length < 10 || password.length > 128) return 'password must be 10-128 characters';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'password must mix at least three of: lower case, upper case, digits, symbols';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'password must not contain the username';
  return null;
}
