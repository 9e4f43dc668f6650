// errors.py: the one exception the doctor raises for a file it cannot read.
export class DoctorError extends Error {}
