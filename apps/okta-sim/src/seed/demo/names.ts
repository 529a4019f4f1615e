export const FIRST_NAMES = [
  'Aaliyah', 'Adam', 'Aiko', 'Alejandro', 'Amara', 'Andrei', 'Anika', 'Arjun', 'Beatriz', 'Ben', 'Carmen', 'Chen', 'Chloe', 'Daniel',
  'Dmitri', 'Elena', 'Emeka', 'Farah', 'Felix', 'Grace', 'Hamza', 'Hana', 'Ingrid', 'Isaac', 'Jamal', 'Jia', 'Jonas', 'Kai', 'Kavya',
  'Laila', 'Leo', 'Lucia', 'Malik', 'Maya', 'Mateo', 'Mei', 'Nadia', 'Noah', 'Olga', 'Omar', 'Priya', 'Quinn', 'Rafael', 'Rosa',
  'Sami', 'Sofia', 'Tariq', 'Thea', 'Uma', 'Victor', 'Wen', 'Xavier', 'Yara', 'Yusuf', 'Zoe', 'Zane',
] as const;

export const LAST_NAMES = [
  'Abbott', 'Acheampong', 'Bauer', 'Becker', 'Castillo', 'Chowdhury', 'Costa', 'Dubois', 'Eriksen', 'Fernandes', 'Fischer', 'Garcia',
  'Haddad', 'Hughes', 'Ito', 'Jansen', 'Kaur', 'Kim', 'Kowalski', 'Larsen', 'Lopez', 'Mensah', 'Moreau', 'Nakamura', 'Novak', 'Okafor',
  'Olsen', 'Patel', 'Petrov', 'Quintero', 'Rossi', 'Sato', 'Schmidt', 'Silva', 'Singh', 'Tanaka', 'Torres', 'Usman', 'Vasquez',
  'Wagner', 'Wang', 'Weber', 'Yamamoto', 'Yilmaz', 'Zhang', 'Zielinski',
] as const;

/** Departments with their relative size and titles; Engineering users also get a team. */
export const DEPARTMENTS = [
  { name: 'Engineering', weight: 25, titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Engineering Manager', 'SRE'] },
  { name: 'Sales', weight: 15, titles: ['Account Executive', 'Sales Development Rep', 'Sales Manager', 'Solutions Engineer'] },
  { name: 'Marketing', weight: 8, titles: ['Marketing Specialist', 'Content Strategist', 'Marketing Manager'] },
  { name: 'Finance', weight: 6, titles: ['Accountant', 'Financial Analyst', 'Finance Manager'] },
  { name: 'Human Resources', weight: 5, titles: ['HR Generalist', 'Recruiter', 'HR Manager'] },
  { name: 'Customer Support', weight: 14, titles: ['Support Engineer', 'Support Specialist', 'Support Manager'] },
  { name: 'IT', weight: 6, titles: ['IT Specialist', 'Systems Administrator', 'IT Manager'] },
  { name: 'Legal', weight: 3, titles: ['Counsel', 'Paralegal', 'Legal Operations Manager'] },
  { name: 'Operations', weight: 8, titles: ['Operations Analyst', 'Program Manager', 'Operations Manager'] },
  { name: 'Product', weight: 10, titles: ['Product Manager', 'Product Designer', 'UX Researcher'] },
] as const;

export const TEAMS = ['Backend', 'Frontend', 'Platform'] as const;

export const CITIES = [
  ['San Francisco', 'US'], ['New York', 'US'], ['Austin', 'US'], ['Chicago', 'US'], ['London', 'GB'], ['Berlin', 'DE'], ['Toronto', 'CA'],
  ['Bangalore', 'IN'], ['Singapore', 'SG'], ['Sydney', 'AU'], ['Dublin', 'IE'], ['Tokyo', 'JP'],
] as const;
