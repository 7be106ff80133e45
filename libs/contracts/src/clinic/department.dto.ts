import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateDepartmentDto {
  @ApiProperty({ example: '内科', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'online bookings pay the registration fee in advance (预约挂号预付)', default: false })
  @IsOptional()
  @IsBoolean()
  prepaidRegistration?: boolean;
}

export interface DepartmentReply {
  id: string;
  name: string;
  description: string | null;
  prepaidRegistration: boolean;
  createdAt: string;
}
