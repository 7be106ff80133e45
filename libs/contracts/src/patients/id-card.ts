import { parseIdCard, type IdCardFacts } from '@clinic/rules';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

export { parseIdCard, type IdCardFacts };

/** The ID number must be valid and agree with the object's `birthDate` and `gender` where they are given. */
export function IsIdCardConsistent(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIdCardConsistent',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (typeof value !== 'string') return false;
          const facts = parseIdCard(value);
          if (!facts) return false;
          const obj = args.object as Partial<IdCardFacts>;
          return (!obj.birthDate || obj.birthDate === facts.birthDate) && (!obj.gender || obj.gender === facts.gender);
        },
        defaultMessage: () => 'idCardNo must be a valid ID number that matches birthDate and gender',
      },
    });
}
