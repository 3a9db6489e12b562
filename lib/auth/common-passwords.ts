// Passwords people pick first: the most used passwords of public breach
// statistics, names, words, keyboard walks, and this app's own words, written
// down for this project (no password-list package is installed). Lowercase, one
// per whitespace. password-policy.ts also refuses these with digits or symbols
// around them ("Password2026!"), keyboard walks and repeated characters, which
// covers far more than the 1440 entries listed here.
const LIST = `
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123 football
monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman
1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster
soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel starwars
klaster 112233 george computer michelle jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777 pass
maggie 159753 aaaaaa ginger princess joshua cheese amanda summer love ashley nicole chelsea biteme matthew
access yankees 987654321 dallas austin thunder taylor matrix william corvette hello martin heather secret
merlin diamond 1234qwer gfhjkm hammer silver 222222 88888888 anthony justin test bailey q1w2e3r4t5 patrick
internet scooter orange 11111 golfer cookie richard samantha bigdog guitar jackson whatever mickey chicken
sparky snoopy maverick phoenix camaro peanut morgan welcome falcon cowboy ferrari samsung andrea smokey
steelers joseph mercedes dakota arsenal eagles melissa boomer booboo spider nascar monster tigers yellow
xxxxxx 123123123 gateway marina diablo bulldog qwer1234 compaq purple hardcore banana junior hannah 123654
porsche lakers iceman money cowboys 987654 london tennis 999999 ncc1701 coffee scooby 0000 miller boston
q1w2e3r4 brandon yamaha chester mother forever johnny edward 333333 oliver redsox player nikita knight fender
barney midnight please brandy chicago badboy slayer rangers charles angel flower bigdaddy rabbit wizard
bigdick jasper enter rachel chris steven winner adidas victoria natasha 1q2w3e4r jasmine winter prince panties
marine ghbdtn fishing cocacola casper james 232323 raiders 888888 marlboro gandalf asdfasdf crystal 87654321
12344321 golden 8675309 panther lauren angela thx1138 angels madison winston shannon mike toyota jordan23
canada sophie apples tiger 1qazxsw2 gordon doctor warrior jackie beavis rocket scorpion 123qweasd dennis
alexander superstar welcome1 password1 p@ssw0rd passw0rd password123 admin administrator root toor changeme
default guest user login qwerty123 iloveyou1 abc12345 qwe123 zaq12wsx 1q2w3e 1q2w3e4r5t qwertyu asdf1234
asdfghjkl zxcvbnm1 qazwsxedc 1qaz2wsx3edc qwerty1 letmein1 monkey1 dragon1 baseball1 football1 sunshine1
princess1 master1 hello123 welcome123 admin123 root123 test123 test1234 pass123 pass1234 password12
password1234 passwort motdepasse contrasena senha wachtwoord salasana lozinka parola haslo heslo jelszo sifre
kodeord passord losen qwertz azerty 123abc abcdef abcdefg abcdefgh abcd1234 aa123456 a123456 a12345 123456a
123456789a 1234abcd zaq1xsw2 1qaz2wsx3edc4rfv qweasd qweasdzxc asdzxc zxcasd poiuytrewq mnbvcxz lkjhgfdsa
0987654321 1122334455 0123456789 9876543210 147258369 159357 147258 741852963 963852741 123789 789456123
456789 112358 314159 31415926 2718281828 deadbeef cafebabe hunter2 correcthorsebatterystaple opensesame
letmeinnow iloveu loveyou lovely babygirl baby sweety sweetheart honey darling angel1 blessed jesus jesus1
christ god godisgood faith hope grace heaven trinity shalom hallelujah family friends friend bestfriend mylove
loveme fuckyou fuckoff shit asshole bitch whore sexy sex pussy dick cock penis boobs hottie cutie beautiful
pretty princess2 queen king kingdom lion tiger1 wolf eagle falcon1 hawk bear panda dolphin shark whale turtle
bunny kitty kitten puppy doggy doggie horse pony unicorn butterfly ladybug bumblebee daisy rose lily tulip
sunflower jasmine1 cherry apple banana1 strawberry peaches lemon mango pineapple coconut chocolate vanilla
candy sugar cupcake cookie1 pizza pasta burger hotdog cheese1 bacon butter pepper1 salt coffee1 tea beer
whiskey vodka tequila wine soccer1 basketball tennis1 golf hockey1 rugby cricket boxing wrestling racing
nascar1 skater surfer snowboard skiing fishing1 hunting camping music guitar1 piano drums singer dancer
rockstar metallica nirvana beatles eminem tupac michaeljackson elvis madonna britney beyonce rihanna shakira
starwars1 startrek pokemon pikachu naruto sasuke goku dragonball onepiece zelda mario luigi sonic minecraft
fortnite roblox warcraft diablo1 halo xbox playstation nintendo gameboy batman1 superman1 spiderman ironman
hulk thor captain avengers marvel wolverine deadpool joker harleyquinn gotham matrix1 neo morpheus gandalf1
frodo hobbit legolas aragorn hermione harrypotter voldemort hogwarts dumbledore snape sherlock watson
doctorwho tardis simpsons homer bart scooby1 garfield snoopy1 mickeymouse donald goofy pluto disney cinderella
ariel simba nemo dory shrek yoda vader skywalker chewbacca r2d2 c3po jedi sith lightsaber enterprise spock
kirk computer1 internet1 laptop desktop windows linux ubuntu debian redhat apple1 macintosh iphone android
samsung1 google yahoo facebook twitter instagram youtube tiktok netflix amazon microsoft oracle cisco server
network database system sysadmin webmaster developer hacker security secret1 private public shared company
office work business manager boss employee staff team support helpdesk service services postgres mysql redis
docker kubernetes jenkins gitlab github bitbucket jira confluence sonar nagios zabbix grafana kibana elastic
backup backups monitor monitoring production staging development devops operator incident postmortem runbook
changeit changeme1 newpassword newpass oldpassword mypassword yourpassword secretpassword supersecret
topsecret classified confidential letmein123 trustme believe freedom1 liberty america usa canada1 england
london1 paris france germany berlin italy rome spain madrid mexico brazil russia moscow china beijing japan
tokyo korea india delhi australia sydney africa europe asia texas california florida newyork chicago1 boston1
miami vegas seattle denver dallas1 houston atlanta detroit phoenix1 january february march april may june july
august september october november december monday tuesday wednesday thursday friday saturday sunday spring
summer1 autumn fall winter1 morning evening night midnight1 sunrise sunset rainbow thunder1 lightning storm
snow rain cloud sky star stars moon sun planet earth galaxy universe cosmos space rocket1 pilot captain1
soldier army navy marines airforce police fireman doctor1 nurse teacher student school college university
graduate alumni class homework library science physics chemistry biology math history english spanish french
german latin red blue green yellow1 orange1 purple1 pink black white silver1 gold golden1 diamond1 ruby
emerald sapphire crystal1 pearl platinum copper iron steel metal stone rock mountain river ocean sea lake
beach island forest jungle desert garden flower1 tree nature animal animals pets dog cat fish bird mouse
horse1 cow pig chicken1 duck goose sheep goat monkey2 gorilla elephant giraffe zebra hippo rhino camel snake
dragon2 phoenix2 griffin demon devil angel2 ghost zombie vampire werewolf witch wizard1 magic magician merlin1
arthur excalibur camelot knight1 warrior1 ninja samurai viking spartan gladiator titan hercules zeus apollo
athena hermes poseidon hades ares odin loki freya valhalla legend legendary hero superhero villain master2
slave lord lady sir madam mister miss mom dad mommy daddy mother1 father sister brother son daughter baby1
family1 grandma grandpa uncle aunt cousin nephew niece wife husband girlfriend boyfriend lover partner
marriage wedding michael1 jennifer1 jessica1 ashley1 amanda1 joshua1 daniel1 david christopher matthew1
andrew1 james1 john robert1 william1 joseph1 charles1 thomas1 richard1 mark paul steven1 kevin brian george1
edward1 ronald timothy jason jeffrey ryan jacob gary nicholas eric stephen jonathan larry justin1 scott
brandon1 frank benjamin gregory samuel raymond patrick1 alexander1 jack dennis1 jerry tyler aaron henry
douglas peter adam nathan zachary walter kyle harold carl jeremy keith roger gerald ethan arthur1 terry
christian sean lawrence austin1 joe noah jesse albert bryan billy bruce willie jordan1 dylan alan ralph
gabriel roy juan wayne eugene logan randy louis russell vincent philip bobby johnny1 bradley mary patricia
linda barbara elizabeth maria susan margaret dorothy lisa nancy karen betty helen sandra donna carol ruth
sharon michelle1 laura sarah kimberly deborah jessica2 shirley cynthia angela1 melissa1 brenda amy anna
rebecca virginia kathleen pamela martha debra amanda2 stephanie carolyn christine marie janet catherine
frances ann joyce diane alice julie heather1 teresa doris gloria evelyn jean cheryl mildred katherine joan
ashley2 judith rose1 janice kelly nicole1 judy christina kathy theresa beverly denise tammy irene jane lori
rachel1 marilyn andrea1 kathryn louise sara anne jacqueline wanda bonnie julia ruby1 lois tina phyllis norma
paula diana annie lillian emily robin peggy crystal2 gladys rita dawn connie florence tracy edna tiffany
carmen rosa cindy grace1 wendy victoria1 edith kim sherry sylvia josephine thelma shannon1 sheila ethel ellen
elaine marjorie carrie charlotte monica esther pauline emma juanita anita rhonda hazel amber eva debbie leslie
clara lucille jamie joanne eleanor valerie danielle megan alicia suzanne michele gail bertha darlene veronica
jill erin geraldine lauren1 cathy joann lorraine lynn sally regina erica beatrice dolores bernice audrey
yvonne annette samantha1 marion dana stacy ana renee ida vivian roberta holly brittany melanie loretta yolanda
jeanette laurie katie kristen vanessa alma sue elsie beth jeanne sophia olivia isabella ava mia abigail
madison1 chloe ella avery harper evelyn1 aria scarlett luna zoe nora lily1 hazel1 layla riley aubrey liam
oliver1 elijah lucas mason logan1 aiden jackson1 sebastian mateo owen levi luke asher carter wyatt grayson leo
julian hudson lincoln ezra isaac maverick1 theodore jaxon josiah nolan qwertyqwerty qwertyuiop123
1234567890qwerty asdfghjkl123 zxcvbnm123 qwerty123456 password12345 password123456 passwordpassword
iloveyou123 iloveyouiloveyou 123456789012 1234567890123 12345678901 111111111111 000000000000 123123123123
abcabcabcabc abcdefghijkl abcdefghijklmnop qwertyuiopasdfghjkl letmeinletmein welcomewelcome adminadmin
administrator1 administrator123 rootroot changemechangeme trustno1trustno1 monkeymonkey dragondragon masterkey
masterpassword superpassword secretsecret testtest testtesttest qazwsxedcrfv 1qaz2wsx3edc4rfv5tgb zaq12wsxcde3
1q2w3e4r5t6y 1q2w3e4r5t6y7u8i q1w2e3r4t5y6 q1w2e3r4t5y6u7i8 1a2b3c4d5e6f a1b2c3d4e5f6 blink182 p@ssword
p@ssword1 p@55w0rd pa55word pa55w0rd passw0rd1 passw0rd123 p4ssw0rd p4ssword adm1n adm1n123 r00t s3cr3t s3cret
l3tm31n w3lc0me welc0me ch4ngeme qwerty12345 letmein12345 iloveyou2 baseball123 football123 soccer123
hockey123 princess123 sunshine123 superman123 batman123 dragon123 monkey123 shadow123 master123 killer123
hunter123 michael123 jordan123 charlie123 thomas123 summer123 winter123 spring123 autumn123 welcome2024
welcome2025 welcome2026 summer2024 summer2025 summer2026 winter2024 winter2025 winter2026 spring2025
spring2026 autumn2025 autumn2026 password2024 password2025 password2026 company123 company2026 postmortem123
incident123 runbook123 operator123 viewer123 author123 pmkb pmkb123 postmortemkb knowledgebase
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
