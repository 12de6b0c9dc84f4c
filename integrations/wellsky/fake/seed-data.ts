import type { Language, Skill } from "../../../domain/types.js";

/**
 * Reference data for the seeded agency: Denver-metro places with real-ish coordinates and ZIP codes,
 * streets, and name pools per language community. Everything here is fictional apart from place names.
 */

export interface City {
  name: string;
  lat: number;
  lng: number;
  zips: string[];
  /** Relative share of people living there. */
  weight: number;
}

export const CITIES: City[] = [
  { name: "Denver", lat: 39.7392, lng: -104.9903, zips: ["80202", "80203", "80205", "80206", "80210", "80211", "80218", "80219", "80220", "80224", "80231", "80237"], weight: 30 },
  { name: "Aurora", lat: 39.7294, lng: -104.8319, zips: ["80010", "80011", "80012", "80013", "80014", "80015", "80016", "80017"], weight: 14 },
  { name: "Lakewood", lat: 39.7047, lng: -105.0814, zips: ["80214", "80215", "80226", "80227", "80228", "80232"], weight: 8 },
  { name: "Littleton", lat: 39.6133, lng: -105.0166, zips: ["80120", "80122", "80123", "80128"], weight: 5 },
  { name: "Englewood", lat: 39.6478, lng: -104.9878, zips: ["80110", "80113"], weight: 4 },
  { name: "Centennial", lat: 39.5807, lng: -104.8772, zips: ["80112", "80121", "80122"], weight: 4 },
  { name: "Arvada", lat: 39.8028, lng: -105.0875, zips: ["80002", "80003", "80004", "80005"], weight: 6 },
  { name: "Westminster", lat: 39.8367, lng: -105.0372, zips: ["80030", "80031", "80234"], weight: 5 },
  { name: "Thornton", lat: 39.868, lng: -104.9719, zips: ["80229", "80233", "80241", "80602"], weight: 5 },
  { name: "Commerce City", lat: 39.8083, lng: -104.9339, zips: ["80022"], weight: 3 },
  { name: "Wheat Ridge", lat: 39.7661, lng: -105.0772, zips: ["80033"], weight: 3 },
  { name: "Parker", lat: 39.5186, lng: -104.7614, zips: ["80134", "80138"], weight: 3 },
  { name: "Highlands Ranch", lat: 39.5539, lng: -104.9694, zips: ["80126", "80129", "80130"], weight: 4 },
  { name: "Golden", lat: 39.7555, lng: -105.2211, zips: ["80401"], weight: 2 },
  { name: "Broomfield", lat: 39.9205, lng: -105.0867, zips: ["80020", "80023"], weight: 3 },
  { name: "Northglenn", lat: 39.8961, lng: -104.9811, zips: ["80233", "80234"], weight: 2 },
];

export const STREETS = [
  "E Colfax Ave", "W Colfax Ave", "S Federal Blvd", "S Broadway", "S Colorado Blvd", "W Alameda Ave", "E Evans Ave",
  "E Hampden Ave", "S Wadsworth Blvd", "Sheridan Blvd", "Kipling St", "S Havana St", "Peoria St", "Quebec St",
  "S Yosemite St", "E Iliff Ave", "E Mississippi Ave", "W Jewell Ave", "E Dartmouth Ave", "E Florida Ave",
  "W Yale Ave", "W Belleview Ave", "E Arapahoe Rd", "E Dry Creek Rd", "Ralston Rd", "Pecos St", "S Washington St",
  "Downing St", "Logan St", "Grant St", "Lowell Blvd", "Tennyson St", "Zuni St", "Huron St", "Holly St",
  "Monaco Pkwy", "S Dayton St", "S Chambers Rd", "S Buckley Rd", "S Parker Rd", "Lincoln Ave", "W 44th Ave",
  "W 72nd Ave", "E 104th Ave", "W 120th Ave", "Garrison St", "Upham St", "Vance St", "S Pierce St", "Irving St",
];

export const UNIT_PREFIXES = ["Apt", "Unit", "#"];

/**
 * Fictional phones: only 555-0100…0199 is reserved for fiction, so spread people across Colorado area codes
 * (303/720/983 Denver, 970 north, 719 south) to have enough unique numbers.
 */
export const AREA_CODES = ["303", "720", "983", "970", "719"];
/** The agency's front desk (also config's AGENCY_OFFICE_PHONE default). */
export const OFFICE_PHONE_WIRE = "3035550100";

export interface NamePool {
  female: string[];
  male: string[];
  /** `[male form, female form]` where surnames are gendered (Russian); otherwise the same string twice. */
  surnames: (string | [string, string])[];
}

export const CAREGIVER_NAMES: Record<Language, NamePool> = {
  en: {
    female: ["Ashley", "Jennifer", "Jessica", "Sarah", "Amanda", "Brittany", "Megan", "Rachel", "Lauren", "Nicole", "Heather", "Tiffany", "Crystal", "Kimberly", "Stephanie", "Danielle", "Tasha", "Keisha", "Monique", "Brenda", "Denise", "Tammy", "Angela", "Latoya", "Shannon", "Erin", "Kayla", "Courtney", "Alyssa", "Jasmine", "Destiny", "Amber", "Holly", "Renee", "Tonya", "Melissa", "Kristen", "Dawn", "Sabrina", "Whitney"],
    male: ["Marcus", "Andre", "Tyler", "Brandon", "Kevin", "Jason", "Derek", "Travis", "Darnell", "Cody", "Jamal", "Ryan"],
    surnames: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Carter", "Roberts", "Turner", "Phillips", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Reed", "Bailey", "Bell", "Cooper", "Howard", "Ward", "Fisher", "Hayes", "Meyer", "Olson", "Larson", "Schmidt", "Hansen", "Peterson"],
  },
  es: {
    female: ["Maria", "Guadalupe", "Rosa", "Ana", "Carmen", "Juana", "Veronica", "Leticia", "Alejandra", "Yesenia", "Claudia", "Marisol", "Beatriz", "Luz", "Elena", "Graciela", "Silvia", "Patricia", "Adriana", "Maribel", "Norma", "Araceli"],
    male: ["Jose", "Juan", "Luis", "Carlos", "Miguel", "Javier", "Alejandro", "Ruben"],
    surnames: ["Garcia", "Martinez", "Rodriguez", "Lopez", "Hernandez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres", "Flores", "Rivera", "Gomez", "Diaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutierrez", "Chavez", "Ramos", "Ruiz", "Mendoza", "Vargas", "Castillo", "Jimenez", "Romero", "Herrera", "Medina", "Aguilar", "Salazar", "Trujillo", "Archuleta", "Maestas", "Lucero", "Montoya", "Valdez"],
  },
  tl: {
    female: ["Maricel", "Jocelyn", "Rowena", "Marites", "Analyn", "Lorna", "Cherry", "Mylene", "Rhodora", "Liezl"],
    male: ["Rommel", "Jericho", "Arnel"],
    surnames: ["Santos", "Dela Cruz", "Bautista", "Villanueva", "Aquino", "Pascual", "Manalo", "Soriano", "Dizon", "Ocampo"],
  },
  vi: {
    female: ["Linh", "Thuy", "Huong", "Mai", "Ngoc", "Lan", "Trang", "Hanh"],
    male: ["Minh", "Tuan", "Duc"],
    surnames: ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vo", "Dang", "Bui", "Do", "Huynh"],
  },
  ht: {
    female: ["Nadege", "Mirlande", "Fabienne", "Roseline", "Guerline", "Widline", "Marie-Claude", "Islande"],
    male: ["Wilner", "Frantz", "Jean-Baptiste"],
    surnames: ["Jean", "Pierre", "Joseph", "Louis", "Charles", "Baptiste", "Toussaint", "Augustin", "Desir", "Etienne"],
  },
  ru: {
    female: ["Olga", "Svetlana", "Natalia", "Irina", "Tatiana", "Galina", "Lyudmila", "Oksana"],
    male: ["Sergei", "Dmitri", "Alexei"],
    surnames: [["Ivanov", "Ivanova"], ["Petrov", "Petrova"], ["Smirnov", "Smirnova"], ["Kuznetsov", "Kuznetsova"], ["Popov", "Popova"], ["Volkov", "Volkova"], ["Sokolov", "Sokolova"], ["Morozov", "Morozova"]],
  },
  zh: {
    female: ["Mei", "Li Na", "Xiuying", "Jing", "Hui", "Yan", "Fang", "Xiaoling"],
    male: ["Wei", "Jun", "Hao"],
    surnames: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"],
  },
};

/** Clients are mostly in their 70s–90s; their first names are of that generation. */
export const CLIENT_FIRST_NAMES: Partial<Record<Language, { female: string[]; male: string[] }>> = {
  en: {
    female: ["Dorothy", "Margaret", "Betty", "Helen", "Shirley", "Barbara", "Joan", "Evelyn", "Ruth", "Virginia", "Frances", "Jean", "Gloria", "Marilyn", "Phyllis", "Lois", "Norma", "Doris", "Beverly", "Eleanor", "Mildred", "June", "Irene", "Lorraine", "Geraldine", "Arlene", "Wanda", "Bonnie"],
    male: ["Harold", "Walter", "Eugene", "Donald", "Richard", "Kenneth", "Gerald", "Raymond", "Frank", "Arthur", "Leonard", "Howard", "Ralph", "Carl", "Lloyd", "Stanley", "Vernon", "Clarence"],
  },
  es: {
    female: ["Dolores", "Esperanza", "Consuelo", "Socorro", "Refugio", "Josefina", "Amparo", "Eloisa", "Herminia", "Ofelia"],
    male: ["Eloy", "Ignacio", "Ramon", "Alfonso", "Trinidad", "Arturo", "Fidel"],
  },
};

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  es: "Spanish",
  tl: "Tagalog",
  vi: "Vietnamese",
  ht: "Haitian Creole",
  ru: "Russian",
  zh: "Chinese",
};

/** The agency's ProfileTags. Some do not map to a Coverline Skill on purpose (real agencies have those). */
export const PROFILE_TAGS: { id: string; name: string; type: string; skill: Skill | null; description: string }[] = [
  { id: "45", name: "CNA", type: "certification", skill: "CNA", description: "Certified Nursing Assistant (Colorado)" },
  { id: "46", name: "HHA", type: "certification", skill: "HHA", description: "Home Health Aide" },
  { id: "47", name: "Hoyer Lift", type: "skill", skill: "hoyer_lift", description: "Trained on mechanical (Hoyer) lifts" },
  { id: "48", name: "Dementia Care", type: "skill", skill: "dementia", description: "Dementia/Alzheimer's care training" },
  { id: "49", name: "Hospice Care", type: "skill", skill: "hospice", description: "Comfortable with end-of-life care" },
  { id: "50", name: "Diabetic Care", type: "skill", skill: "diabetes", description: "Blood-sugar checks, diabetic meals" },
  { id: "51", name: "Transfer Assist", type: "skill", skill: "transfer_assist", description: "Bed/chair/toilet transfers" },
  { id: "52", name: "Pet Friendly", type: "custom", skill: "pet_friendly", description: "OK with dogs and cats" },
  { id: "53", name: "Non-Smoker", type: "custom", skill: "non_smoker", description: "Does not smoke" },
  { id: "54", name: "CPR/First Aid", type: "certification", skill: null, description: "Current CPR/First Aid card" },
  { id: "55", name: "Spanish", type: "language", skill: null, description: "Speaks Spanish" },
  { id: "56", name: "Medication Reminders", type: "skill", skill: null, description: "Trained to give medication reminders" },
];

/** Share of hired caregivers holding each skill (realistic for a Denver private-duty agency). */
export const SKILL_RATES: Record<Skill, number> = {
  CNA: 0.35,
  HHA: 0.3,
  hoyer_lift: 0.25,
  dementia: 0.4,
  hospice: 0.15,
  diabetes: 0.3,
  transfer_assist: 0.45,
  pet_friendly: 0.6,
  non_smoker: 0.7,
};

export const RELATIONSHIPS: readonly (readonly [{ code: string; display: string }, number])[] = [
  [{ code: "DAU", display: "Daughter" }, 35],
  [{ code: "SON", display: "Son" }, 30],
  [{ code: "SPS", display: "Spouse" }, 10],
  [{ code: "SIS", display: "Sister" }, 5],
  [{ code: "BRO", display: "Brother" }, 3],
  [{ code: "FRND", display: "Friend" }, 4],
  [{ code: "NBOR", display: "Neighbor" }, 3],
];

export const SCHEDULED_ITEMS = [
  { id: "12345", name: "Meal Preparation" },
  { id: "12346", name: "Medication Reminders" },
  { id: "12347", name: "Bathing Assistance" },
  { id: "12348", name: "Light Housekeeping" },
  { id: "12349", name: "Companionship" },
  { id: "12350", name: "Transportation" },
  { id: "12351", name: "Laundry" },
  { id: "12352", name: "Mobility Assistance" },
  { id: "12353", name: "Toileting" },
  { id: "12354", name: "Grooming" },
];

export const TASK_DESCRIPTIONS: Record<string, string> = {
  "Meal Preparation": "Prepare breakfast and lunch",
  "Medication Reminders": "Remind client to take morning medications",
  "Bathing Assistance": "Assist with shower",
  "Light Housekeeping": "Tidy kitchen and living room",
  Companionship: "Conversation, cards or a short walk",
  Transportation: "Drive client to appointment or errands",
  Laundry: "Wash and fold one load",
  "Mobility Assistance": "Walk with client using walker",
  Toileting: "Assist with toileting as needed",
  Grooming: "Help with hair and dressing",
};

export const SHIFT_NOTES = [
  { title: "Good visit", description: "Client ate a full breakfast and we took a short walk around the block." },
  { title: "Low appetite", description: "Client only ate half of lunch; encouraged fluids. Family informed." },
  { title: "Medication", description: "Client took all morning medications on reminder." },
  { title: "Mood", description: "Client seemed a little confused in the afternoon, calmer after music." },
  { title: "Supplies", description: "Running low on incontinence briefs and body wash." },
  { title: "Fall risk", description: "Rug in the hallway is curling up; suggested family tape it down." },
];
