/**
 * Indian people, companies and mobiles for the seeders: first names and
 * surnames by community with their cities, company names in the way traders
 * name them, personal email addresses, and valid +91 mobiles.
 */
import { normalisePhone } from '@/lib/phone';
import type { Rng } from './random';

type Community = { weight: number; male: string[]; female: string[]; surnames: string[]; cities: string[] };

const COMMUNITIES: Community[] = [
  {
    weight: 25,
    male: ['Aarav', 'Aditya', 'Amit', 'Rahul', 'Rohit', 'Sanjay', 'Manoj', 'Deepak', 'Anil', 'Sunil', 'Vijay', 'Ajay', 'Ravi', 'Abhishek', 'Gaurav', 'Saurabh', 'Ankit', 'Mohit', 'Rakesh', 'Pankaj', 'Alok', 'Vivek', 'Shubham', 'Ashish'],
    female: ['Priya', 'Neha', 'Pooja', 'Anjali', 'Shreya', 'Ritu', 'Sunita', 'Anita', 'Kavita', 'Rekha', 'Seema', 'Swati', 'Nisha', 'Shalini', 'Jyoti', 'Aditi', 'Ananya', 'Sakshi', 'Komal', 'Preeti'],
    surnames: ['Sharma', 'Verma', 'Gupta', 'Mishra', 'Tiwari', 'Pandey', 'Dubey', 'Tripathi', 'Srivastava', 'Saxena', 'Yadav', 'Singh', 'Chauhan', 'Rathore', 'Agarwal', 'Jain', 'Goyal', 'Bansal', 'Mittal', 'Thakur', 'Saini', 'Choudhary'],
    cities: ['Delhi', 'Delhi', 'Noida', 'Gurugram', 'Lucknow', 'Kanpur', 'Jaipur', 'Agra', 'Varanasi', 'Bhopal', 'Indore', 'Patna', 'Dehradun'],
  },
  {
    weight: 7,
    male: ['Gurpreet', 'Harpreet', 'Manpreet', 'Jaspal', 'Harjeet', 'Amandeep', 'Sukhwinder', 'Karan', 'Arjun', 'Jasbir'],
    female: ['Simran', 'Harleen', 'Jaspreet', 'Navneet', 'Gurleen', 'Manjeet', 'Kiranjit', 'Rupinder'],
    surnames: ['Singh', 'Kaur', 'Gill', 'Sandhu', 'Dhillon', 'Grewal', 'Sidhu', 'Bajwa', 'Kapoor', 'Malhotra', 'Khanna', 'Arora', 'Bhatia', 'Sethi', 'Chopra'],
    cities: ['Ludhiana', 'Amritsar', 'Chandigarh', 'Jalandhar', 'Patiala', 'Delhi'],
  },
  {
    weight: 14,
    male: ['Jignesh', 'Bhavesh', 'Paresh', 'Hitesh', 'Mukesh', 'Nilesh', 'Chirag', 'Dhaval', 'Hardik', 'Kunal', 'Parth', 'Mehul', 'Ketan', 'Rajesh'],
    female: ['Hetal', 'Krupa', 'Falguni', 'Nidhi', 'Bhavna', 'Dhara', 'Khushbu', 'Mansi', 'Payal', 'Riddhi', 'Jinal'],
    surnames: ['Patel', 'Shah', 'Mehta', 'Desai', 'Parikh', 'Trivedi', 'Vyas', 'Bhatt', 'Joshi', 'Modi', 'Gandhi', 'Thakkar', 'Soni', 'Dave'],
    cities: ['Ahmedabad', 'Surat', 'Vadodara', 'Rajkot', 'Bhavnagar', 'Mumbai'],
  },
  {
    weight: 17,
    male: ['Sachin', 'Mahesh', 'Ganesh', 'Sandeep', 'Prashant', 'Amol', 'Tushar', 'Nitin', 'Rohan', 'Siddharth', 'Omkar', 'Vinayak', 'Yash', 'Mangesh'],
    female: ['Madhuri', 'Pallavi', 'Rupali', 'Sneha', 'Tanvi', 'Manisha', 'Ashwini', 'Prajakta', 'Gauri', 'Mrunal', 'Shraddha', 'Vaishali'],
    surnames: ['Kulkarni', 'Deshpande', 'Patil', 'Pawar', 'Jadhav', 'Shinde', 'Naik', 'Deshmukh', 'Gokhale', 'Joshi', 'Bhosale', 'Kale', 'More', 'Sawant', 'Gaikwad'],
    cities: ['Mumbai', 'Mumbai', 'Pune', 'Pune', 'Thane', 'Nagpur', 'Nashik', 'Aurangabad', 'Kolhapur', 'Navi Mumbai'],
  },
  {
    weight: 20,
    male: ['Venkatesh', 'Srinivas', 'Karthik', 'Pradeep', 'Arvind', 'Murali', 'Subramanian', 'Raghav', 'Naveen', 'Harish', 'Girish', 'Balaji', 'Suresh', 'Ramesh', 'Prasad', 'Vignesh', 'Anand', 'Rajiv'],
    female: ['Lakshmi', 'Revathi', 'Lavanya', 'Bhavana', 'Sowmya', 'Nandini', 'Pavithra', 'Radhika', 'Divya', 'Deepa', 'Meera', 'Kavya', 'Aishwarya', 'Sangeetha', 'Anusha'],
    surnames: ['Reddy', 'Rao', 'Naidu', 'Iyer', 'Iyengar', 'Nair', 'Menon', 'Pillai', 'Kurup', 'Krishnan', 'Subramaniam', 'Venkataraman', 'Gowda', 'Hegde', 'Shetty', 'Murthy', 'Chettiar'],
    cities: ['Chennai', 'Bengaluru', 'Bengaluru', 'Hyderabad', 'Coimbatore', 'Madurai', 'Kochi', 'Thiruvananthapuram', 'Mysuru', 'Vijayawada', 'Visakhapatnam', 'Mangaluru'],
  },
  {
    weight: 7,
    male: ['Sourav', 'Arnab', 'Debashish', 'Subhash', 'Indranil', 'Partha', 'Abhijit', 'Sayan', 'Tanmoy', 'Anirban'],
    female: ['Moumita', 'Sudeshna', 'Paromita', 'Rituparna', 'Tanushree', 'Sreya', 'Ankita', 'Debjani'],
    surnames: ['Banerjee', 'Chatterjee', 'Mukherjee', 'Das', 'Bose', 'Ghosh', 'Sen', 'Dutta', 'Roy', 'Chakraborty', 'Sarkar', 'Basu'],
    cities: ['Kolkata', 'Kolkata', 'Howrah', 'Durgapur', 'Siliguri', 'Asansol'],
  },
  {
    weight: 7,
    male: ['Imran', 'Farhan', 'Salman', 'Arif', 'Javed', 'Aamir', 'Faisal', 'Irfan', 'Zaheer', 'Sameer'],
    female: ['Fatima', 'Ayesha', 'Zoya', 'Nazia', 'Sana', 'Rubina', 'Shabana', 'Heena'],
    surnames: ['Khan', 'Qureshi', 'Sheikh', 'Ansari', 'Siddiqui', 'Pathan', 'Syed', 'Mirza', 'Shaikh', 'Rizvi'],
    cities: ['Hyderabad', 'Lucknow', 'Mumbai', 'Delhi', 'Bhopal', 'Aligarh', 'Moradabad'],
  },
  {
    weight: 3,
    male: ['Joseph', 'Thomas', 'George', 'Francis', 'Anthony', 'Jacob', 'Sebastian', 'Lawrence'],
    female: ['Mary', 'Sarah', 'Teresa', 'Rose', 'Anita', 'Celina', 'Joanna'],
    surnames: ["D'Souza", 'Fernandes', 'Pereira', 'Thomas', 'Mathew', 'Rodrigues', 'Dsilva', 'Kurian', 'Varghese'],
    cities: ['Kochi', 'Panaji', 'Mumbai', 'Chennai', 'Mangaluru', 'Kottayam'],
  },
];
const COMMUNITY_WEIGHTS = COMMUNITIES.map((c, i) => [i, c.weight] as const);

export type Person = { first: string; last: string; name: string; city: string };

export function person(rng: Rng): Person {
  const c = COMMUNITIES[rng.weighted(COMMUNITY_WEIGHTS)]!;
  const first = rng.chance(0.55) ? rng.pick(c.male) : rng.pick(c.female);
  const last = rng.pick(c.surnames);
  return { first, last, name: `${first} ${last}`, city: rng.pick(c.cities) };
}

const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.co.in', 'rediffmail.com', 'outlook.com', 'hotmail.com'];
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

export function personalEmail(p: Person, rng: Rng): string {
  return `${slug(p.first)}.${slug(p.last)}${rng.chance(0.6) ? rng.int(1, 999) : ''}@${rng.pick(MAIL_DOMAINS)}`;
}

const COMPANY_PREFIXES = [
  'Shree Ganesh', 'Shri Balaji', 'Om Sai', 'Jai Ambe', 'Mahalaxmi', 'Annapurna', 'Sai Krupa', 'Siddhivinayak', 'Kohinoor', 'Navrang',
  'Royal', 'Surya', 'Chandra', 'Sagar', 'Ganga', 'Kaveri', 'Himalaya', 'Nilgiri', 'Rajdhani', 'Deccan', 'Malabar', 'Kashmir',
  'Rajasthan', 'Sona', 'Moti', 'Heera', 'Kesar', 'Tulsi', 'Chandan', 'Indus', 'Vedic', 'Swadeshi', 'Bharat', 'Hindustan', 'Lotus',
  'Peacock', 'Utsav', 'Rangoli', 'Kalash', 'Amrit', 'Triveni', 'Shubh Labh', 'Vrindavan', 'Sahyadri', 'Konark', 'Ajanta',
];
export const TRADES = [
  'Textiles', 'Handlooms', 'Silk Sarees', 'Block Prints', 'Jewellers', 'Handicrafts', 'Furnishings', 'Home Decor', 'Ayurveda', 'Spices',
  'Organic Foods', 'Kitchenware', 'Brassware', 'Leather Goods', 'Footwear', 'Garments', 'Fabrics', 'Carpets', 'Pottery', 'Toys',
  'Electronics', 'Agro Products', 'Herbal Care', 'Tea Company', 'Dry Fruits', 'Pickles', 'Bamboo Crafts', 'Marble Art', 'Woodcraft', 'Pashmina',
];
const LEGAL_SUFFIXES = ['Pvt. Ltd.', 'Pvt. Ltd.', 'Pvt. Ltd.', 'LLP', '& Co.', 'Enterprises', 'Industries', 'Exports'];

export type Company = { name: string; legalName: string; email: string; city: string; contact: Person };

/** A company name not used before (`used` is updated). */
export function company(rng: Rng, used: Set<string>): Company {
  const contact = person(rng);
  for (let attempt = 0; ; attempt++) {
    const stem = rng.chance(0.6) ? rng.pick(COMPANY_PREFIXES) : contact.last;
    let name = `${stem} ${rng.pick(TRADES)}`;
    if (used.has(name) || attempt > 3) name = `${name}, ${contact.city}`;
    if (used.has(name)) continue;
    used.add(name);
    const suffix = rng.pick(LEGAL_SUFFIXES);
    return {
      name,
      legalName: `${name.replace(/, .*$/, '')} ${suffix}`,
      email: `${rng.pick(['sales', 'info', 'contact', 'accounts'])}@${slug(name).slice(0, 24)}.in`,
      city: contact.city,
      contact,
    };
  }
}

/** A valid, unused Indian mobile in E.164 (+91, ten digits starting 6–9), checked by the app's own normaliser. */
export function mobile(rng: Rng, used: Set<string>): string {
  for (;;) {
    const digits = `${rng.int(6, 9)}${rng.int(0, 999_999_999).toString().padStart(9, '0')}`;
    const e164 = normalisePhone(`+91${digits}`);
    if (e164 && !used.has(e164)) {
      used.add(e164);
      return e164;
    }
  }
}
