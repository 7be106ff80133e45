import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, registerDecorator, type ValidationArguments } from 'class-validator';
import { passwordProblems, PASSWORD_RULE } from '@clinic/rules';
import { PageQuery } from '../common';
import { DOCTOR_TITLES, STAFF_ROLES, type DoctorTitle, type StaffRole } from '../roles';

/** Applies the rule, taking the username from the same object when it has one. */
export function IsStrongPassword() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isStrongPassword',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          typeof value === 'string' && passwordProblems(value, (args.object as { username?: string }).username) === null,
        defaultMessage: (args: ValidationArguments) =>
          (typeof args.value === 'string' && passwordProblems(args.value, (args.object as { username?: string }).username)) || 'password must be a string',
      },
    });
}

export class CreateStaffDto {
  @ApiProperty({ example: 'doctor.wang', description: '3-32 of a-z, 0-9, . _ -' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,32}$/, { message: 'username must be 3-32 of a-z, 0-9, . _ -' })
  username: string;

  @ApiProperty({ description: PASSWORD_RULE })
  @IsStrongPassword()
  password: string;

  @ApiProperty({ example: '王医生', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles: StaffRole[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ enum: DOCTOR_TITLES })
  @IsOptional()
  @IsIn(DOCTOR_TITLES)
  title?: DoctorTitle;

  @ApiPropertyOptional({ example: '呼吸系统疾病', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  specialty?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  introduction?: string;
}

/** Every field optional; `null` clears department, title, specialty or introduction. */
export class UpdateStaffDto {
  @ApiPropertyOptional({ description: PASSWORD_RULE })
  @IsOptional()
  @IsStrongPassword()
  password?: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles?: StaffRole[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional({ enum: DOCTOR_TITLES, nullable: true })
  @IsOptional()
  @IsIn(DOCTOR_TITLES)
  title?: DoctorTitle | null;

  @ApiPropertyOptional({ maxLength: 100, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  specialty?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  introduction?: string | null;
}

export class ListStaffQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'name or username prefix', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  query?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;
}

export class ListDoctorsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

export interface StaffReply {
  id: string;
  username: string;
  name: string;
  roles: StaffRole[];
  departmentId: string | null;
  title: DoctorTitle | null;
  specialty: string | null;
  introduction: string | null;
  status: 'ACTIVE' | 'DISABLED';
  lockedUntil: string | null;
  createdAt: string;
}

export interface DoctorReply {
  id: string;
  name: string;
  title: DoctorTitle | null;
  departmentId: string | null;
  specialty: string | null;
  introduction: string | null;
  /** The doctor's first shift from today with a place left, within the booking window. */
  nextFreeShift: { id: string; date: string; period: 'AM' | 'PM' | 'EVENING'; remaining: number } | null;
}
export { PASSWORD_RULE, passwordProblems } from '@clinic/rules';
